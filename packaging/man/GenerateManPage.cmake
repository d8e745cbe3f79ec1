# Writes a man page from a program's --help, so that its option list is
# always complete. Run at build time (see app/CMakeLists.txt):
#   cmake -DPROGRAM=path -DNAME=ssescope-cli -DSUMMARY="..." -DVERSION=0.1.0
#         -DSEE_ALSO="ssescope(1)" -DOUTPUT=file.1 [-DEXTRA_HELP="compare"]
#         -P GenerateManPage.cmake
# EXTRA_HELP: subcommands whose `NAME SUB --help` is added as a section.
cmake_minimum_required(VERSION 3.22)

function(help_text out)
    execute_process(COMMAND "${PROGRAM}" ${ARGN} --help
        OUTPUT_VARIABLE text ERROR_VARIABLE err RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${PROGRAM} ${ARGN} --help failed (${rc}): ${err}")
    endif()
    # Qt's parser names the program by the path it was started with.
    string(REPLACE "${PROGRAM}" "${NAME}" text "${text}")
    set(${out} "${text}" PARENT_SCOPE)
endfunction()

# troff: backslashes, lines that start with a control character, and minus
# signs (so that options can be searched and copied).
function(troff_escape out text)
    string(REPLACE "\\" "\\e" text "${text}")
    string(REPLACE "-" "\\-" text "${text}")
    string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
    set(${out} "${text}" PARENT_SCOPE)
endfunction()

help_text(main)
troff_escape(main "${main}")
string(TOUPPER "${NAME}" upper)
set(page ".TH ${upper} 1 \"\" \"SSE Scope ${VERSION}\" \"User Commands\"\n")
string(APPEND page ".SH NAME\n${NAME} \\- ${SUMMARY}\n")
string(APPEND page ".SH DESCRIPTION\nThe text of\n.B ${NAME} \\-\\-help\n(every option):\n")
string(APPEND page ".PP\n.nf\n${main}.fi\n")
foreach(sub IN LISTS EXTRA_HELP)
    help_text(text ${sub})
    troff_escape(text "${text}")
    string(TOUPPER "${sub}" sub_upper)
    string(APPEND page ".SH ${sub_upper}\n.B ${NAME} ${sub} \\-\\-help\n.PP\n.nf\n${text}.fi\n")
endforeach()
string(APPEND page ".SH SEE ALSO\n${SEE_ALSO}\n")
file(WRITE "${OUTPUT}" "${page}")
