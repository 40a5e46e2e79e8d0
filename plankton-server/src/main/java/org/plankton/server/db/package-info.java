/**
 * The relational store: connection pool, SQL dialect (embedded SQLite or PostgreSQL) and the
 * versioned schema migrations. Repositories in other packages borrow connections from here.
 */
package org.plankton.server.db;
