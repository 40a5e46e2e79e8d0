package org.plankton.server.db;

import java.util.Locale;

/** The two databases we speak to; the SQL is shared except the migrations and a few pragmas. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** Classpath folder of this dialect's migration scripts. */
    public String migrationFolder() {
        return "db/" + folder;
    }

    /** The dialect of a JDBC URL; anything but SQLite and PostgreSQL is refused with the URL's scheme. */
    public static Dialect of(String jdbcUrl) {
        String u = jdbcUrl.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL (expected jdbc:sqlite:... or jdbc:postgresql://...), got "
                + jdbcUrl.replaceAll("password=[^&]*", "password=***"));
    }
}
