/**
 * A sample's images and labels as files other tools read: CSV with every probability, EcoTaxa TSV
 * and zip (with the sample's metadata and WoRMS names), and a Darwin Core Archive of per-class
 * occurrences for OBIS and GBIF.
 */
package org.plankton.server.export;
