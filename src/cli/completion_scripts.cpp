#include "cli/completion_scripts.hpp"

namespace meshdns::cli {
namespace {

// bash: readline splits words at '=' and ':' (COMP_WORDBREAKS), so the words are re-read from
// the line itself; file names come from `complete -o default` unless the directive says no.
constexpr std::string_view k_bash =
    R"(# bash completion for kubectl-meshdns          -*- shell-script -*-
# Printed by `kubectl-meshdns completion bash`. The binary completes its own command line:
# `kubectl-meshdns __complete WORDS...` prints one candidate a line, then `:<directive>`
# (cobra's protocol: 1 error, 2 no space, 4 no file names).
#   source <(kubectl-meshdns completion bash)

__kubectl_meshdns_complete() {
    local line=${COMP_LINE:0:COMP_POINT} cur out directive
    local -a words
    read -r -a words <<< "$line"
    if [[ -z $line || $line == *[[:space:]] ]]; then
        words+=("")
    fi
    cur=${words[${#words[@]}-1]}
    out=$("${words[0]}" __completeNoDesc "${words[@]:1}" 2>/dev/null) || return
    directive=${out##*:}
    out=${out%:*}
    [[ $directive =~ ^[0-9]+$ ]] || directive=0
    if (( directive & 1 )); then
        return
    fi
    if (( directive & 2 )); then
        compopt -o nospace 2>/dev/null
    fi
    if (( directive & 4 )); then
        compopt +o default 2>/dev/null
    fi
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$out" -- "$cur"))
    # readline replaces only what follows the last '=' of --flag=value.
    if [[ $cur == *=* && $COMP_WORDBREAKS == *=* ]]; then
        COMPREPLY=("${COMPREPLY[@]#"${cur%%=*}="}")
    fi
}

complete -o default -F __kubectl_meshdns_complete kubectl-meshdns
)";

constexpr std::string_view k_zsh = R"(#compdef kubectl-meshdns
# zsh completion for kubectl-meshdns. Printed by `kubectl-meshdns completion zsh`. The binary
# completes its own command line: `kubectl-meshdns __complete WORDS...` prints one candidate a
# line (value<TAB>description), then `:<directive>` (cobra's protocol: 1 error, 2 no space,
# 4 no file names).
#   kubectl-meshdns completion zsh > "${fpath[1]}/_kubectl-meshdns"

_kubectl-meshdns() {
    local out directive line value
    local -a lines candidates suffix
    out=$(${words[1]} __complete "${(@)words[2,CURRENT]}" 2>/dev/null) || return 1
    lines=("${(@f)out}")
    directive=${lines[-1]#:}
    lines=("${(@)lines[1,-2]}")
    [[ $directive == <-> ]] || directive=0
    (( directive & 1 )) && return 1
    for line in "${lines[@]}"; do
        [[ -n $line ]] || continue
        value=${line%%$'\t'*}
        value=${value//:/\\:}
        if [[ $line == *$'\t'* ]]; then
            candidates+=("$value:${line#*$'\t'}")
        else
            candidates+=("$value")
        fi
    done
    (( directive & 2 )) && suffix=(-S '')
    if (( ${#candidates} )); then
        _describe -t values 'kubectl-meshdns' candidates "${suffix[@]}"
    elif (( ! (directive & 4) )); then
        _files
    fi
}

if [[ $funcstack[1] == _kubectl-meshdns ]]; then
    _kubectl-meshdns "$@"
else
    compdef _kubectl-meshdns kubectl-meshdns
fi
)";

constexpr std::string_view k_fish =
    R"(# fish completion for kubectl-meshdns. Printed by `kubectl-meshdns completion fish`. The binary
# completes its own command line: `kubectl-meshdns __complete WORDS...` prints one candidate a
# line (value<TAB>description, as fish shows them), then `:<directive>` (cobra's protocol:
# 1 error, 2 no space, 4 no file names).
#   kubectl-meshdns completion fish > ~/.config/fish/completions/kubectl-meshdns.fish

function __kubectl_meshdns_complete
    set -l words (commandline -opc)
    set -l program $words[1]
    set -e words[1]
    set -l current (commandline -ct)
    set -l out ($program __complete $words $current 2>/dev/null)
    or return
    set -l directive (string replace -r '^:' '' -- $out[-1])
    set -e out[-1]
    string match -qr '^[0-9]+$' -- $directive; or set directive 0
    if test (math "$directive % 2") -eq 1
        return
    end
    if test (count $out) -eq 0; and test (math "floor($directive / 4) % 2") -eq 0
        __fish_complete_path $current
        return
    end
    printf '%s\n' $out
end

complete -c kubectl-meshdns -f -a '(__kubectl_meshdns_complete)'
)";

}  // namespace

std::string_view completion_script(std::string_view shell) {
  if (shell == "bash") {
    return k_bash;
  }
  if (shell == "zsh") {
    return k_zsh;
  }
  if (shell == "fish") {
    return k_fish;
  }
  return {};
}

}  // namespace meshdns::cli
