/**
 * Hand-made features of the original image that the size-normalised network input loses: absolute
 * size and shape from image moments (the 2015 recipe's late-fusion features).
 */
package org.plankton.core.features;
