/**
 * From counts to what an ecologist reports: per-class concentrations (per litre and per cubic
 * metre, with the count's 95% bootstrap interval carried through) from the sample's volume and
 * imaged fraction, and sizes (mean equivalent spherical diameter, total biovolume) from the objects'
 * pixel areas and the sample's pixel size. Pure arithmetic on records; the HTTP layer only renders.
 */
package org.plankton.server.abundance;
