/**
 * The plankton web server: {@link org.plankton.server.PlanktonServer} wires the model, the
 * database, the image store and the HTTP routes together from a {@link org.plankton.server.ServerConfig}.
 */
package org.plankton.server;
