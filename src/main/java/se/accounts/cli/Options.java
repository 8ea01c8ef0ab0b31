package se.accounts.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} options and {@code --flag} switches of one command. */
final class Options {
    private static final Set<String> SWITCHES = Set.of("json");

    private final Map<String, String> values;
    private final Set<String> switches;

    private Options(Map<String, String> values, Set<String> switches) {
        this.values = values;
        this.switches = switches;
    }

    static Options parse(List<String> words) {
        Map<String, String> values = new HashMap<>();
        Set<String> switches = new HashSet<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("--") || word.length() == 2) {
                throw new UsageException("Unexpected argument '" + word + "'.");
            }
            String name = word.substring(2);
            if (SWITCHES.contains(name)) {
                switches.add(name);
            } else if (i + 1 < words.size()) {
                values.put(name, words.get(++i));
            } else {
                throw new UsageException("Option --" + name + " needs a value.");
            }
        }
        return new Options(values, switches);
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) {
        return optional(name).filter(v -> !v.isBlank())
                .orElseThrow(() -> new UsageException("Option --" + name + " is required."));
    }

    boolean has(String switchName) {
        return switches.contains(switchName);
    }

    void allowOnly(Set<String> names) {
        for (String name : values.keySet()) {
            if (!names.contains(name)) {
                throw new UsageException("Unknown option --" + name + ".");
            }
        }
    }
}
