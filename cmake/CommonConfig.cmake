# Every target links ssescope_common_config: all warnings and Qt strictness
# defines live here, never in CMAKE_CXX_FLAGS.
add_library(ssescope_common_config INTERFACE)

target_compile_definitions(ssescope_common_config INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_STRICT_ITERATORS
)

target_compile_options(ssescope_common_config INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wformat=2
)

if(SSESCOPE_WERROR)
    target_compile_options(ssescope_common_config INTERFACE -Werror)
endif()

if(SSESCOPE_SANITIZE)
    string(REPLACE ";" "," _sanitizers "${SSESCOPE_SANITIZE}")
    target_compile_options(ssescope_common_config INTERFACE
        -fsanitize=${_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all
        # -O1: sanitized builds and their test runs take about half the time of -O0
        # (CI runs the whole suite under ASan+UBSan), and still report exact lines.
        -O1)
    target_link_options(ssescope_common_config INTERFACE -fsanitize=${_sanitizers})
endif()
