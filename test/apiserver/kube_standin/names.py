"""Name and key rules from k8s.io/apimachinery/pkg/util/validation, with their exact messages.

Each check returns a list of messages (empty: valid), like the Go Is* functions.
"""

import re

_DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_DNS1123_SUBDOMAIN = _DNS1123_LABEL + r"(\." + _DNS1123_LABEL + ")*"
_DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?"
_CONFIG_KEY = "[-._a-zA-Z0-9]+"
_QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_LABEL_VALUE = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?"


def _regex_error(message, pattern, *examples):
    # RegexError's punctuation, including the double space between examples.
    if not examples:
        return f"{message} (regex used for validation is '{pattern}')"
    shown = " or ".join(f"'{example}', " for example in examples)
    return f"{message} (e.g. {shown}regex used for validation is '{pattern}')"


def _max_len(length):
    return f"must be no more than {length} characters"


def _check(value, pattern, max_length, message, *examples):
    errors = []
    if len(value) > max_length:
        errors.append(_max_len(max_length))
    if not re.fullmatch(pattern, value):
        errors.append(_regex_error(message, pattern, *examples))
    return errors


def dns1123_label(value):
    return _check(value, _DNS1123_LABEL, 63,
                  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters "
                  "or '-', and must start and end with an alphanumeric character",
                  "my-name", "123-abc")


def dns1123_subdomain(value):
    return _check(value, _DNS1123_SUBDOMAIN, 253,
                  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                  "characters, '-' or '.', and must start and end with an alphanumeric character",
                  "example.com")


def dns1035_label(value):
    return _check(value, _DNS1035_LABEL, 63,
                  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
                  "start with an alphabetic character, and end with an alphanumeric character",
                  "my-name", "abc-123")


def config_map_key(value):
    errors = []
    if len(value) > 253:
        errors.append(_max_len(253))
    if not re.fullmatch(_CONFIG_KEY, value):
        errors.append(_regex_error("a valid config key must consist of alphanumeric characters, "
                                   "'-', '_' or '.'", _CONFIG_KEY, "key.name", "KEY_NAME",
                                   "key-name"))
    if value in (".", ".."):
        errors.append(f"must not be '{value}'")
    elif value.startswith(".."):
        errors.append("must not start with '..'")
    return errors


def qualified_name(value):
    """Label and annotation keys: an optional DNS subdomain prefix, '/', a name part."""
    errors = []
    prefix, _, name = value.rpartition("/")
    if "/" in value:
        if not prefix:
            errors.append("prefix part must be non-empty")
        else:
            errors.extend("prefix part " + message for message in dns1123_subdomain(prefix))
    if not name:
        errors.append("name part must be non-empty")
    elif len(name) > 63:
        errors.append("name part " + _max_len(63))
    if name and not re.fullmatch(_QUALIFIED_NAME, name):
        errors.append("name part " + _regex_error(
            "must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
            "with an alphanumeric character", _QUALIFIED_NAME, "MyName", "my.name", "123-abc"))
    return errors


def label_value(value):
    errors = []
    if len(value) > 63:
        errors.append(_max_len(63))
    if not re.fullmatch(_LABEL_VALUE, value):
        errors.append(_regex_error(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', "
            "'_' or '.', and must start and end with an alphanumeric character", _LABEL_VALUE,
            "MyValue", "my_value", "12345"))
    return errors
