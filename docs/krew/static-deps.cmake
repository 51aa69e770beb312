# Release builds (docs/krew/build-release): link yaml-cpp, c-ares and the C++ runtime statically,
# using the static archives Debian 12 ships, so the tarball needs only glibc and (dlopen'd)
# libcurl4. Passed as -DCMAKE_PROJECT_INCLUDE=..., i.e. read right after project() and before the
# find_package calls: a target defined here wins over the one yaml-cpp's config file would define
# (CMake's exported target files return early when their targets already exist).
find_library(MESHDNS_YAML_CPP_STATIC NAMES libyaml-cpp.a REQUIRED)
find_path(MESHDNS_YAML_CPP_INCLUDE yaml-cpp/yaml.h REQUIRED)
add_library(yaml-cpp STATIC IMPORTED GLOBAL)
set_target_properties(yaml-cpp PROPERTIES IMPORTED_LOCATION "${MESHDNS_YAML_CPP_STATIC}"
                                          INTERFACE_INCLUDE_DIRECTORIES "${MESHDNS_YAML_CPP_INCLUDE}")
# pkg_check_modules(... IMPORTED_TARGET) resolves -lcares with find_library: prefer the archive.
set(CMAKE_FIND_LIBRARY_SUFFIXES .a ${CMAKE_FIND_LIBRARY_SUFFIXES})
string(APPEND CMAKE_EXE_LINKER_FLAGS " -static-libstdc++ -static-libgcc")
