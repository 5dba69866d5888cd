package dev.ecrguard.waivers;

import dev.ecrguard.engine.Finding;

/**
 * A finding that is waived: by the input itself (a CDK acknowledgement, a construct opt-out, template Metadata;
 * {@code source} is {@value #INPUT}) or by a waiver file ({@code source} is its file and line).
 *
 * @param finding the finding
 * @param reason why it is accepted
 * @param source {@value #INPUT}, or the waiver's {@code file:line}
 */
public record Waived(Finding finding, String reason, String source) {
    /** The {@link #source()} of a waiver written in the input. */
    public static final String INPUT = "input";

    /**
     * Whether the input itself waives the finding (rather than a waiver file).
     *
     * @return true for a waiver written in the input
     */
    public boolean inSource() {
        return source.equals(INPUT);
    }
}
