package dev.jvault.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Shell completion scripts, generated from the same picocli model as --help (no second list of
 * commands and options): commands, each command's options, profile names for a PROFILE argument
 * (from {@code jvault __profiles}: the config only, no store, no prompt), and after
 * {@code exec PROFILE --} the command's own completion. Profile names come from files anyone may
 * have written: no script expands them as shell words (bash's {@code compgen -W} would run a
 * {@code $(...)} inside one), and names holding control characters are not offered at all.
 */
final class CompletionScripts {

    static final List<String> SHELLS = List.of("bash", "zsh", "fish");
    /** Value labels that name a file or folder: their values complete to file names. */
    private static final List<String> FILE_LABELS = List.of("FILE", "DIR");

    private CompletionScripts() {
    }

    static String script(String shell, CommandSpec root) {
        return switch (shell) {
            case "bash" -> bash(root);
            case "zsh" -> zsh(root);
            case "fish" -> fish(root);
            default -> throw new CommandLine.ParameterException(root.commandLine(), "the shells are bash, zsh and fish, not '"
                    + shell + "'");
        };
    }

    /** The visible subcommands in help order, each alias (ls, rm) an entry of its own: each completes like its command. */
    private static Map<String, CommandSpec> commands(CommandSpec root) {
        return root.subcommands().entrySet().stream().filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getCommandSpec(), (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }

    private static String options(CommandSpec command) {
        return command.options().stream().filter(option -> !option.hidden()).flatMap(option -> Stream.of(option.names()))
                .collect(Collectors.joining(" "));
    }

    /** Options that take a value, as a bash pattern: their next word is not a profile or a command. */
    private static String valueOptions(CommandSpec command) {
        String names = command.options().stream().filter(option -> option.arity().max() > 0)
                .flatMap(option -> Stream.of(option.names())).collect(Collectors.joining("|"));
        return names.isEmpty() ? "-" : names;
    }

    /** The fixed values picocli's model gives an option or argument (its completion candidates), if any. */
    private static List<String> candidates(ArgSpec arg) {
        List<String> values = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(values::add);
        }
        for (String value : values) {
            // They are spliced into the scripts as words: jvault's own names, never text from a file.
            if (!value.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalStateException("a completion value that is not a plain word: " + value);
            }
        }
        return values;
    }

    /** What an option's value completes to: its candidates, {@code -f} for file names, or nothing (a duration, a code). */
    private static String valueWords(OptionSpec option) {
        List<String> values = candidates(option);
        return !values.isEmpty() ? String.join(" ", values)
                : FILE_LABELS.contains(option.paramLabel()) ? "-f" : "";
    }

    /** Each value option of a command (jvault itself: "") with the words its value completes to. */
    private static Map<String, String> valuesByCommandAndOption(CommandSpec root) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        Map<String, CommandSpec> all = new java.util.LinkedHashMap<>();
        all.put("", root);
        all.putAll(commands(root));
        all.forEach((name, spec) -> spec.options().stream().filter(option -> option.arity().max() > 0 && !option.hidden())
                .forEach(option -> {
                    String words = valueWords(option);
                    if (!words.isEmpty()) {
                        for (String flag : option.names()) {
                            values.put(name + " " + flag, words);
                        }
                    }
                }));
        return values;
    }

    /** The commands whose first argument has fixed values (agent's action, completion's shell), with those values. */
    private static Map<String, String> firstArguments(CommandSpec root) {
        Map<String, String> firsts = new java.util.LinkedHashMap<>();
        commands(root).forEach((name, spec) -> {
            if (!spec.positionalParameters().isEmpty() && !candidates(spec.positionalParameters().getFirst()).isEmpty()) {
                firsts.put(name, String.join(" ", candidates(spec.positionalParameters().getFirst())));
            }
        });
        return firsts;
    }

    private static List<String> profileCommands(CommandSpec root) {
        List<String> names = new ArrayList<>();
        commands(root).forEach((name, spec) -> {
            // The first word after the command: sso's PROFILE comes after its action, which is not a profile.
            if (!spec.positionalParameters().isEmpty() && spec.positionalParameters().getFirst().paramLabel().startsWith("PROFILE")) {
                names.add(name);
            }
        });
        return names;
    }

    private static String bash(CommandSpec root) {
        StringBuilder cases = new StringBuilder();
        commands(root).forEach((name, spec) -> cases.append("    ").append(name).append(") opts='").append(options(spec))
                .append("' values='").append(valueOptions(spec)).append("' ;;\n"));
        StringBuilder values = new StringBuilder();
        valuesByCommandAndOption(root).forEach((key, words) -> values.append("    '").append(key).append("') words='")
                .append(words).append("' ;;\n"));
        StringBuilder firsts = new StringBuilder();
        firstArguments(root).forEach((name, words) -> firsts.append("    ").append(name).append(") words='").append(words)
                .append("' ;;\n"));
        return """
                # jvault completion for bash. Load it from ~/.bashrc with: eval "$(jvault completion bash)"
                _jvault_profiles() {  # the config's profile names that start with $1, quoted: a name is never expanded or run
                  local name
                  COMPREPLY=()
                  while IFS= read -r name; do
                    [[ $name == *[[:cntrl:]]* ]] && continue
                    [[ $name == "$1"* ]] && COMPREPLY+=("$(printf '%%q' "$name")")
                  done < <(jvault __profiles 2>/dev/null)
                }
                _jvault_options() {  # sets opts and values (the options that take one) for command $1
                  case $1 in
                %s    *) opts= values=- ;;
                  esac
                }
                _jvault_values() {  # sets words to what option $2 of command $1 takes ("-f": file names); fails for free text
                  case "$1 $2" in
                %s    *) return 1 ;;
                  esac
                }
                _jvault_first() {  # sets words to the fixed values of command $1's first argument, if it has them
                  case $1 in
                %s    *) return 1 ;;
                  esac
                }
                _jvault() {
                  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} i word command= profile_at=0 opts= values=- words=
                  for ((i = 1; i < COMP_CWORD; i++)); do
                    word=${COMP_WORDS[i]}
                    if [ -z "$command" ]; then
                      if [[ $word =~ ^(%s)$ ]]; then ((i++)); elif [[ $word != -* ]]; then command=$word; _jvault_options "$command"; fi
                    elif [[ $word =~ ^($values)$ ]]; then
                      ((i++))
                    elif [ "$command" = exec ] && { [ "$word" = -- ] || { [ "$profile_at" -gt 0 ] && [[ $word != -* ]]; }; }; then
                      # the command begins here (or after --): its own completion takes over
                      [ "$word" = -- ] && ((i++))
                      if declare -F _command_offset >/dev/null; then
                        _command_offset "$i"
                      elif [ "$i" -eq "$COMP_CWORD" ]; then
                        COMPREPLY=($(compgen -c -- "$cur" | sort -u))
                      else
                        COMPREPLY=($(compgen -f -- "$cur"))
                      fi
                      return
                    elif [[ $word != -* ]] && [ "$profile_at" -eq 0 ]; then
                      profile_at=$i
                    fi
                  done
                  if [[ $prev == -* ]] && _jvault_values "$command" "$prev"; then
                    if [ "$words" = -f ]; then COMPREPLY=($(compgen -f -- "$cur")); else COMPREPLY=($(compgen -W "$words" -- "$cur")); fi
                  elif [ -z "$command" ]; then
                    COMPREPLY=($(compgen -W "%s %s" -- "$cur"))
                  elif [[ $prev =~ ^($values)$ ]]; then
                    COMPREPLY=()   # a value of the user's own: a duration, a code, a name
                  elif [[ $cur == -* ]]; then
                    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
                  elif [ "$command" = exec ] && [ "$profile_at" -gt 0 ]; then
                    COMPREPLY=($(compgen -c -- "$cur" | sort -u))   # the command's name, after PROFILE
                  elif [ "$profile_at" -eq 0 ] && _jvault_first "$command"; then
                    COMPREPLY=($(compgen -W "$words" -- "$cur"))
                  elif [ "$profile_at" -eq 0 ] && [[ " %s " == *" $command "* ]]; then
                    _jvault_profiles "$cur"
                  fi
                }
                complete -F _jvault jvault
                """.formatted(cases, values, firsts, valueOptions(root), String.join(" ", commands(root).keySet()), options(root),
                String.join(" ", profileCommands(root)));
    }

    private static String zsh(CommandSpec root) {
        StringBuilder options = new StringBuilder();
        StringBuilder valueOptions = new StringBuilder();
        commands(root).forEach((name, spec) -> {
            options.append("    ").append(name).append(" '").append(options(spec)).append("'\n");
            valueOptions.append("    ").append(name).append(" '|").append(valueOptions(spec)).append("|'\n");
        });
        StringBuilder values = new StringBuilder();
        valuesByCommandAndOption(root).forEach((key, words) -> values.append("    '").append(key).append("' '").append(words)
                .append("'\n"));
        StringBuilder firsts = new StringBuilder();
        firstArguments(root).forEach((name, words) -> firsts.append("    ").append(name).append(" '").append(words).append("'\n"));
        return """
                #compdef jvault
                # jvault completion for zsh. Load it from ~/.zshrc with: source <(jvault completion zsh)
                _jvault() {
                  local -A opts value_opts values firsts
                  opts=(
                %s  )
                  value_opts=(  # per command, the options that take a value, between bars
                %s  )
                  values=(  # "command option" (jvault's own: " option"): the words its value completes to, -f for files
                %s  )
                  firsts=(  # commands whose first argument has fixed values
                %s  )
                  local -a commands profile_commands
                  commands=(%s)
                  profile_commands=(%s)
                  local command=${words[2]} prev=${words[CURRENT-1]} i given=0
                  [[ $command == -* ]] && command=
                  if [[ -n ${values[$command $prev]} ]]; then
                    if [[ ${values[$command $prev]} == -f ]]; then _files; else compadd -- ${=values[$command $prev]}; fi
                    return
                  fi
                  if [[ -z $command ]]; then
                    compadd -- $commands
                    return
                  fi
                  if [[ $command == exec ]]; then
                    for ((i = 3; i < CURRENT; i++)); do
                      if [[ ${words[i]} == -- ]]; then
                        shift i words
                        (( CURRENT -= i ))
                        _normal
                        return
                      fi
                    done
                  fi
                  [[ ${value_opts[$command]} == *"|$prev|"* ]] && return   # a value of the user's own: a duration, a code
                  if [[ ${words[CURRENT]} == -* ]]; then
                    compadd -- ${=opts[$command]}
                    return
                  fi
                  for ((i = 3; i < CURRENT; i++)); do
                    if [[ ${value_opts[$command]} == *"|${words[i]}|"* ]]; then (( i++ )); elif [[ ${words[i]} != -* ]]; then (( given++ )); fi
                  done
                  (( given > 0 )) && return
                  if [[ -n ${firsts[$command]} ]]; then
                    compadd -- ${=firsts[$command]}
                  elif (( ${profile_commands[(Ie)$command]} )); then
                    compadd -- ${(f)"$(jvault __profiles 2>/dev/null)"}
                  fi
                }
                if (( $+functions[compdef] )); then compdef _jvault jvault; fi
                """.formatted(options, valueOptions, values, firsts, String.join(" ", commands(root).keySet()),
                String.join(" ", profileCommands(root)));
    }

    private static String fish(CommandSpec root) {
        StringBuilder out = new StringBuilder("""
                # jvault completion for fish. Install it with: jvault completion fish > ~/.config/fish/completions/jvault.fish
                complete -c jvault -f
                complete -c jvault -n __fish_use_subcommand -a '%s'
                complete -c jvault -n '__fish_seen_subcommand_from %s; and not __fish_seen_subcommand_from --' -a '(jvault __profiles 2>/dev/null)'
                complete -c jvault -n '__fish_seen_subcommand_from exec; and __fish_seen_subcommand_from --' -a '(__fish_complete_subcommand --fcs-skip=3)'
                """.formatted(String.join(" ", commands(root).keySet()), String.join(" ", profileCommands(root))));
        firstArguments(root).forEach((name, words) -> out.append("complete -c jvault -n '__fish_seen_subcommand_from ")
                .append(name).append("; and not __fish_seen_subcommand_from ").append(words).append("' -a '").append(words)
                .append("'\n"));
        fishOptions(out, "__fish_use_subcommand", root);
        commands(root).forEach((name, spec) -> fishOptions(out, "'__fish_seen_subcommand_from " + name + "'", spec));
        return out.toString();
    }

    /** A line per option: its names, and for one that takes a value, its candidates, file names, or nothing. */
    private static void fishOptions(StringBuilder out, String condition, CommandSpec spec) {
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            out.append("complete -c jvault -n ").append(condition);
            for (String flag : option.names()) {
                out.append(flag.startsWith("--") ? " -l " + flag.substring(2) : " -s " + flag.substring(1));
            }
            if (option.arity().max() > 0) {
                String words = valueWords(option);
                out.append(words.equals("-f") ? " -r -F" : words.isEmpty() ? " -x" : " -x -a '" + words + "'");
            }
            out.append('\n');
        }
    }
}
