package dev.ecrguard;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks the floating tags (ECR's {@code WILDCARD} exclusion filters) that the CDK and CDKTF constructs turn into
 * {@code IMMUTABLE_WITH_EXCLUSION}, before anything is synthesized, with messages that say how to fix them. ECR
 * accepts 1 to 5 filters of at most 128 characters made of letters, digits, {@code . _ -} and the wildcard
 * {@code *}. ecr-guard also refuses a filter made only of {@code *}: it matches every tag, so the repository would be
 * mutable in all but name (rule ECR001).
 */
public final class FloatingTags {
    /** The most exclusion filters ECR accepts on one repository. */
    public static final int MAX_FILTERS = 5;
    /** The longest exclusion filter ECR accepts, in characters. */
    public static final int MAX_LENGTH = 128;
    /** The Terraform AWS provider's own limit of wildcards per filter (ECR's documents none). */
    public static final int TERRAFORM_MAX_WILDCARDS = 2;
    private static final Pattern ALLOWED = Pattern.compile("[0-9A-Za-z._*-]+");

    private FloatingTags() {}

    /**
     * Whether a filter is made only of {@code *}, so it matches every tag: the Rego rules' {@code lib.all_stars}, which
     * ECR001 flags under IMMUTABLE_WITH_EXCLUSION (a test checks that both agree on a table of filters).
     *
     * @param filter an exclusion filter
     * @return true for {@code *}, {@code **}, ...; false for anything else, the empty filter included
     */
    public static boolean matchesEveryTag(String filter) {
        return !filter.isEmpty() && filter.chars().allMatch(c -> c == '*');
    }

    /**
     * Checks a construct's floating tags.
     *
     * @param where the construct, e.g. {@code ImmutableRepository Registry/Web}; messages start with it
     * @param tags the exclusion filters, e.g. {@code latest}, {@code dev-*}
     * @param optOut how the construct makes every tag mutable, for the message on an all-{@code *} filter
     * @param maxWildcards the most {@code *} one filter may hold
     * @throws IllegalArgumentException naming the problem and the fix
     */
    public static void validate(String where, List<String> tags, String optOut, int maxWildcards) {
        if (tags.isEmpty() || tags.size() > MAX_FILTERS) {
            throw new IllegalArgumentException(where + ": floatingTags has " + tags.size() + " filters; ECR accepts "
                    + "1 to " + MAX_FILTERS + ". " + (tags.isEmpty()
                            ? "Leave floatingTags unset for a repository where no tag can move."
                            : "Merge filters with a wildcard (for example 'dev-*' for 'dev-a' and 'dev-b')."));
        }
        Set<String> seen = new HashSet<>();
        for (String tag : tags) {
            if (tag == null || tag.isEmpty()) {
                throw new IllegalArgumentException(where + ": floatingTags contains an empty filter; give a tag "
                        + "such as 'latest' or a wildcard pattern such as 'dev-*'.");
            }
            if (tag.length() > MAX_LENGTH) {
                throw new IllegalArgumentException(where + ": floating tag filter '" + tag.substring(0, 20) + "...' is "
                        + tag.length() + " characters long; ECR accepts at most " + MAX_LENGTH
                        + ". Shorten it, or use a wildcard ('release-*').");
            }
            if (!ALLOWED.matcher(tag).matches()) {
                String bad = tag.chars().filter(c -> !ALLOWED.matcher(Character.toString(c)).matches())
                        .distinct().mapToObj(c -> "'" + Character.toString(c) + "'").collect(Collectors.joining(", "));
                throw new IllegalArgumentException(where + ": floating tag filter '" + tag + "' contains " + bad
                        + ", which ECR does not allow; use only letters, digits, '.', '_', '-', and '*' as the "
                        + "wildcard (for example 'dev-*').");
            }
            if (matchesEveryTag(tag)) {
                throw new IllegalArgumentException(where + ": floating tag filter '" + tag + "' matches every tag, "
                        + "so every tag could be overwritten (ecr-guard rule ECR001). Name the tags that may move "
                        + "('latest', 'dev-*'); if every tag really must be mutable, use " + optOut + " instead.");
            }
            long wildcards = tag.chars().filter(c -> c == '*').count();
            if (wildcards > maxWildcards) {
                throw new IllegalArgumentException(where + ": floating tag filter '" + tag + "' has " + wildcards
                        + " '*' wildcards; at most " + maxWildcards + " are accepted per filter. Use fewer, e.g. 'dev-*'.");
            }
            if (!seen.add(tag)) {
                throw new IllegalArgumentException(where + ": floating tag filter '" + tag + "' is listed twice; "
                        + "list each filter once.");
            }
        }
    }
}
