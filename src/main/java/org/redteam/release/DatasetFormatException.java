package org.redteam.release;

import org.redteam.problem.RedteamException;

/**
 * A data file that breaks the released format: broken JSON, a missing, unknown or mistyped key, a
 * rating outside 0–4, a truncated gzip stream. The message says where: file, record number
 * (1-based), line, and field when one is concerned.
 */
public final class DatasetFormatException extends RedteamException {

    public DatasetFormatException(String message) {
        super(Kind.BAD_INPUT, message);
    }

    public DatasetFormatException(String message, Throwable cause) {
        super(Kind.BAD_INPUT, message, cause);
    }
}
