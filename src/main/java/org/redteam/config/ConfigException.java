package org.redteam.config;

import org.redteam.problem.RedteamException;

/** A campaign file that cannot be used; the message names the file and the key. */
public final class ConfigException extends RedteamException {

    public ConfigException(String message) {
        super(Kind.BAD_INPUT, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(Kind.BAD_INPUT, message, cause);
    }
}
