package dev.ecrguard.load;

/** A file a folder scan passed over, why, and whether the run should say so beside its findings. */
public record Skipped(String file, String reason, Kind kind) {

    /** Why a file was passed over. */
    public enum Kind {
        /** Not one of the inputs ecr-guard reads, and nothing suggests it is infrastructure code. */
        NOT_AN_INPUT(false),
        /** Read in another role (a nested stack of a template that was read). */
        READ_ELSEWHERE(false),
        /** Infrastructure code ecr-guard cannot judge, or a part of the input it does not follow: worth a notice. */
        NOT_JUDGED(true);

        /** Whether the run lists it in its notices (text output included), not only in the JSON report. */
        public final boolean worthNotice;

        Kind(boolean worthNotice) {
            this.worthNotice = worthNotice;
        }
    }

    public Skipped(String file, String reason) {
        this(file, reason, Kind.NOT_AN_INPUT);
    }

    /**
     * A symbolic link to a file outside the folder being checked: not followed, since a pull request must not make
     * the check read, or quote, files of the machine that runs it.
     *
     * @param file the link's name in messages
     * @return the skipped link
     */
    public static Skipped linkOutside(String file) {
        return new Skipped(file, "a symbolic link to a file outside the folder being checked, not followed: name "
                + "that file on the command line to check it", Kind.NOT_JUDGED);
    }
}
