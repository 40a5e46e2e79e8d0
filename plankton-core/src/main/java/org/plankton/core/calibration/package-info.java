/**
 * Post-hoc calibration: small fitted objects that map a model's probabilities to better-calibrated
 * ones, saved next to a model ({@code calibration.json}) and applied by default at inference.
 */
package org.plankton.core.calibration;
