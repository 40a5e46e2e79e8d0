/** Samples: a net tow, a cruise station or an instrument run; the unit images are uploaded into and counted by. */
package org.plankton.server.samples;
