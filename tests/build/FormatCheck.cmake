# cmake -DCLANG_FORMAT=... -DSOURCE_DIR=... -P FormatCheck.cmake
# Fails, naming the files, when a C++ file under core/, ui/, app/ or tests/
# differs from what clang-format makes of it.
file(GLOB_RECURSE sources
    ${SOURCE_DIR}/core/*.cpp ${SOURCE_DIR}/core/*.h
    ${SOURCE_DIR}/ui/*.cpp ${SOURCE_DIR}/ui/*.h
    ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/app/*.h
    ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.h)
set(unformatted "")
foreach(source IN LISTS sources)
    execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror ${source}
        RESULT_VARIABLE result OUTPUT_QUIET ERROR_QUIET)
    if(NOT result EQUAL 0)
        file(RELATIVE_PATH relative ${SOURCE_DIR} ${source})
        list(APPEND unformatted ${relative})
    endif()
endforeach()
if(unformatted)
    list(LENGTH unformatted count)
    list(JOIN unformatted "\n  " names)
    message(FATAL_ERROR "${count} file(s) differ from .clang-format; run packaging/dev.sh format:\n  ${names}")
endif()
list(LENGTH sources checked)
message(STATUS "format_check: ${checked} files as .clang-format has them")
