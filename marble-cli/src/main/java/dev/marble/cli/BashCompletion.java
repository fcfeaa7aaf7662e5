package dev.marble.cli;

import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The bash (and zsh) completion script: picocli's, which knows every command and option, and after it Marble's
 * function, which adds the words that depend on where the shell is: chain names from the nearest {@code chains/}
 * folder, agent and toolset files for {@code run} and {@code chat}, model names after {@code -m}.
 */
final class BashCompletion {

    private BashCompletion() {}

    static String script(CommandLine root, List<String> models) {
        return AutoComplete.bash("marble", root) + "\n" + MARBLE_WORDS.replace("@MODELS@", String.join(" ", models));
    }

    private static final String MARBLE_WORDS = """
            # Marble's own words, added to what picocli's function above completes.
            _marble_models=(@MODELS@)

            # The chains in chains/ of the nearest folder upwards that has one, as marble chain finds them.
            function _marble_chain_names() {
              local dir=$PWD file
              while [[ ! -d $dir/chains && -n $dir && $dir != / ]]; do dir=${dir%/*}; done
              for file in "${dir:-}"/chains/*.json; do
                [[ -f $file ]] || continue
                file=${file##*/}
                printf '%s\\n' "${file%.json}"
              done
            }

            function _marble_complete() {
              _complete_marble "$@"
              local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
              [[ $cur == -* ]] && return 0
              case $prev in
                -m|--model|--fallback)
                  COMPREPLY=( $(compgen -W "${_marble_models[*]}" -- "$cur") )
                  return 0 ;;
              esac
              # The words before this one that are not options (nor the folder of -C): the command, then arguments.
              local -a words=()
              local i
              for (( i = 1; i < COMP_CWORD; i++ )); do
                case ${COMP_WORDS[i]} in
                  -C|--home|--workspace) (( i++ )) ;;
                  -*) ;;
                  *) words+=("${COMP_WORDS[i]}") ;;
                esac
              done
              case "${words[0]:-} ${words[1]:-}" in
                "chain start"|"chain status"|"chain stop"|"chain reset"|"chain log")
                  if (( ${#words[@]} == 2 )); then
                    local IFS=$'\\n'
                    COMPREPLY+=( $(compgen -W "$(_marble_chain_names)" -- "$cur") )
                  fi ;;
              esac
              case ${words[0]:-} in
                run|chat)
                  local file
                  type compopt &>/dev/null && compopt -o filenames
                  while IFS= read -r file; do
                    if [[ -d $file ]]; then COMPREPLY+=("$file")
                    else case $file in *.worker|*.toml|*.java|*.jar) COMPREPLY+=("$file") ;; esac
                    fi
                  done < <(compgen -f -- "$cur") ;;
              esac
              return 0
            }
            complete -F _marble_complete -o default marble
            """;
}
