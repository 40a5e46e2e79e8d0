/**
 * The HTTP surface: JSON REST routes under {@code /api}, the OpenAPI document, the static web UI,
 * access control (API token, cross-origin writes) and request limits. Handlers stay thin: parse,
 * call a repository or the intake, render.
 */
package org.plankton.server.http;
