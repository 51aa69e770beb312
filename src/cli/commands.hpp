#pragma once

// Each command group registers itself on the root app; app.cpp calls these in the order `--help`
// lists them.

namespace CLI {
class App;
}

namespace meshdns::cli {

class Session;

void add_scaffold_command(CLI::App& root, Session& session);  // scaffold_command.cpp
void add_alias_command(CLI::App& root, Session& session);     // alias_command.cpp
void add_corefile_command(CLI::App& root, Session& session);  // corefile_command.cpp
void add_verify_command(CLI::App& root, Session& session);    // verify_command.cpp
void add_explain_command(CLI::App& root, Session& session);   // explain_command.cpp
void add_config_command(CLI::App& root, Session& session);    // config_command.cpp
void add_version_command(CLI::App& root, Session& session);   // version_command.cpp
void add_completion_command(CLI::App& root);                  // completion_command.cpp

}  // namespace meshdns::cli
