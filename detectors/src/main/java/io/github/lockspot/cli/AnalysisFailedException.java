package io.github.lockspot.cli;

/** The analysis or writing its results failed on good input; the message says what failed and why. */
final class AnalysisFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AnalysisFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
