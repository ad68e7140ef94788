package io.github.lockspot.cli;

/** A command line or input the run cannot use: its message names the argument or path and what is wrong. */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
