/** A sample's images and labels as files other tools read: CSV with every probability, EcoTaxa TSV and zip. */
package org.plankton.server.export;
