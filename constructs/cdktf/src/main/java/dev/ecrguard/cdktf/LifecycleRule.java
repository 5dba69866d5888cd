package dev.ecrguard.cdktf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One rule of the repository's {@code aws_ecr_lifecycle_policy}, with the CDK {@code LifecycleRule}'s names: which
 * images ({@link Builder#tagStatus}, {@link Builder#tagPrefixList}, {@link Builder#tagPatternList}) and when they
 * expire (exactly one of {@link Builder#maxImageCount} and {@link Builder#maxImageAge}).
 *
 * <pre>{@code
 * LifecycleRule.builder().tagStatus(LifecycleRule.TagStatus.TAGGED).tagPrefixList(List.of("pr-"))
 *     .maxImageCount(20).description("keep the last 20 pull-request images").build();
 * }</pre>
 */
public final class LifecycleRule {
    /** Which images a rule selects by their tags. */
    public enum TagStatus {
        /** Images with a tag matching the rule's prefixes or patterns. */
        TAGGED,
        /** Images without a tag. */
        UNTAGGED,
        /** Every image; such a rule must come last. */
        ANY
    }

    private final String description;
    private final TagStatus tagStatus;
    private final List<String> tagPrefixList;
    private final List<String> tagPatternList;
    private final Integer maxImageCount;
    private final Duration maxImageAge;

    private LifecycleRule(Builder b) {
        this.description = b.description;
        this.tagStatus = b.tagStatus;
        this.tagPrefixList = List.copyOf(b.tagPrefixList);
        this.tagPatternList = List.copyOf(b.tagPatternList);
        this.maxImageCount = b.maxImageCount;
        this.maxImageAge = b.maxImageAge;
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the tag status the rule selects} */
    public TagStatus tagStatus() {
        return tagStatus;
    }

    /** What is wrong with the rule, or null when ECR accepts it. */
    String problem() {
        if ((maxImageCount == null) == (maxImageAge == null)) {
            return "give exactly one of maxImageCount and maxImageAge";
        }
        if (maxImageCount != null && maxImageCount < 1) {
            return "maxImageCount must be 1 or more, got " + maxImageCount;
        }
        if (maxImageAge != null && !isWholeDays(maxImageAge)) {
            return "maxImageAge must be a whole number of days, 1 or more, got " + maxImageAge;
        }
        boolean selectsTags = !tagPrefixList.isEmpty() || !tagPatternList.isEmpty();
        if (tagStatus == TagStatus.TAGGED && !selectsTags) {
            return "a TAGGED rule needs tagPrefixList or tagPatternList";
        }
        if (tagStatus != TagStatus.TAGGED && selectsTags) {
            return "tagPrefixList and tagPatternList need tagStatus TAGGED";
        }
        if (!tagPrefixList.isEmpty() && !tagPatternList.isEmpty()) {
            return "give tagPrefixList or tagPatternList, not both";
        }
        return null;
    }

    /** Whether an age is a whole number of days, 1 or more: ECR lifecycle rules count in days. */
    static boolean isWholeDays(Duration age) {
        return age.toDays() >= 1 && age.equals(Duration.ofDays(age.toDays()));
    }

    /** The rule as ECR's lifecycle policy JSON has it, at {@code priority}. */
    Map<String, Object> toPolicyRule(int priority) {
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("tagStatus", tagStatus.name().toLowerCase(java.util.Locale.ROOT));
        if (!tagPrefixList.isEmpty()) {
            selection.put("tagPrefixList", tagPrefixList);
        }
        if (!tagPatternList.isEmpty()) {
            selection.put("tagPatternList", tagPatternList);
        }
        if (maxImageCount != null) {
            selection.put("countType", "imageCountMoreThan");
            selection.put("countNumber", maxImageCount);
        } else {
            selection.put("countType", "sinceImagePushed");
            selection.put("countUnit", "days");
            selection.put("countNumber", maxImageAge.toDays());
        }
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("rulePriority", priority);
        if (description != null) {
            rule.put("description", description);
        }
        rule.put("selection", selection);
        rule.put("action", Map.of("type", "expire"));
        return rule;
    }

    /** Builds a {@link LifecycleRule}. */
    public static final class Builder {
        private String description;
        private TagStatus tagStatus = TagStatus.ANY;
        private final List<String> tagPrefixList = new ArrayList<>();
        private final List<String> tagPatternList = new ArrayList<>();
        private Integer maxImageCount;
        private Duration maxImageAge;

        private Builder() {}

        /**
         * What the rule is for, shown in the console.
         *
         * @param description the description
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Which images the rule selects (default {@link TagStatus#ANY}; {@link TagStatus#TAGGED} with prefixes or
         * patterns).
         *
         * @param tagStatus the tag status
         * @return this builder
         */
        public Builder tagStatus(TagStatus tagStatus) {
            this.tagStatus = Objects.requireNonNull(tagStatus, "tagStatus");
            return this;
        }

        /**
         * Tag prefixes of a {@link TagStatus#TAGGED} rule.
         *
         * @param prefixes the prefixes
         * @return this builder
         */
        public Builder tagPrefixList(List<String> prefixes) {
            this.tagPrefixList.clear();
            this.tagPrefixList.addAll(prefixes);
            return this;
        }

        /**
         * Tag wildcard patterns of a {@link TagStatus#TAGGED} rule.
         *
         * @param patterns the patterns
         * @return this builder
         */
        public Builder tagPatternList(List<String> patterns) {
            this.tagPatternList.clear();
            this.tagPatternList.addAll(patterns);
            return this;
        }

        /**
         * Expire the selected images beyond the newest {@code count}.
         *
         * @param count how many images to keep (1 or more)
         * @return this builder
         */
        public Builder maxImageCount(int count) {
            this.maxImageCount = count;
            return this;
        }

        /**
         * Expire the selected images this long after push (whole days).
         *
         * @param age the age
         * @return this builder
         */
        public Builder maxImageAge(Duration age) {
            this.maxImageAge = age;
            return this;
        }

        /**
         * The rule.
         *
         * @return the rule
         */
        public LifecycleRule build() {
            return new LifecycleRule(this);
        }
    }
}
