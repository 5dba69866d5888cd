package dev.ecrguard.waivers;

import dev.ecrguard.model.SourcePosition;

/**
 * Something the run wants said that is no finding: an expired or unused waiver, a file passed over.
 *
 * @param position the waiver's place in its file, or the file passed over
 * @param message what to say
 */
public record Notice(SourcePosition position, String message) {}
