package dev.chatmodels.callback;

import java.util.List;
import java.util.Set;

/**
 * Which events {@code streamEvents} delivers, as the reference's {@code include_names}, {@code include_types},
 * {@code include_tags} and their {@code exclude_} counterparts: with includes, an event passes when it matches any of
 * them; an event that matches an exclude never passes. Types are {@code chat_model} and {@code tool}.
 */
public record EventFilter(Set<String> includeNames, Set<String> includeTypes, Set<String> includeTags,
        Set<String> excludeNames, Set<String> excludeTypes, Set<String> excludeTags) {

    /** Every event. */
    public static final EventFilter ALL = new EventFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public EventFilter {
        includeNames = Set.copyOf(includeNames);
        includeTypes = Set.copyOf(includeTypes);
        includeTags = Set.copyOf(includeTags);
        excludeNames = Set.copyOf(excludeNames);
        excludeTypes = Set.copyOf(excludeTypes);
        excludeTags = Set.copyOf(excludeTags);
    }

    public EventFilter includeNames(String... names) {
        return new EventFilter(Set.of(names), includeTypes, includeTags, excludeNames, excludeTypes, excludeTags);
    }

    public EventFilter includeTypes(String... types) {
        return new EventFilter(includeNames, Set.of(types), includeTags, excludeNames, excludeTypes, excludeTags);
    }

    public EventFilter includeTags(String... tags) {
        return new EventFilter(includeNames, includeTypes, Set.of(tags), excludeNames, excludeTypes, excludeTags);
    }

    public EventFilter excludeNames(String... names) {
        return new EventFilter(includeNames, includeTypes, includeTags, Set.of(names), excludeTypes, excludeTags);
    }

    public EventFilter excludeTypes(String... types) {
        return new EventFilter(includeNames, includeTypes, includeTags, excludeNames, Set.of(types), excludeTags);
    }

    public EventFilter excludeTags(String... tags) {
        return new EventFilter(includeNames, includeTypes, includeTags, excludeNames, excludeTypes, Set.of(tags));
    }

    /** Whether {@code event} passes. */
    public boolean accepts(RunEvent event) {
        if (excludeNames.contains(event.name()) || excludeTypes.contains(event.type()) || anyOf(event.tags(), excludeTags)) {
            return false;
        }
        boolean noIncludes = includeNames.isEmpty() && includeTypes.isEmpty() && includeTags.isEmpty();
        return noIncludes || includeNames.contains(event.name()) || includeTypes.contains(event.type())
                || anyOf(event.tags(), includeTags);
    }

    private static boolean anyOf(List<String> tags, Set<String> wanted) {
        return !wanted.isEmpty() && tags.stream().anyMatch(wanted::contains);
    }
}
