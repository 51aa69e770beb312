// kubectl-meshdns: kubectl finds this executable on PATH and runs it for `kubectl meshdns ...`.

#include "cli/app.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  // The single catch for what is not an ordinary outcome (bugs, bad_alloc): one line, never a
  // trace.
  try {
    return meshdns::cli::run(argc, argv);
  } catch (const std::exception& unexpected) {
    std::cerr << "error: internal error: " << unexpected.what()
              << " (please report it with the command that caused it)\n";
  } catch (...) {
    std::cerr << "error: internal error (please report it with the command that caused it)\n";
  }
  return 1;
}
