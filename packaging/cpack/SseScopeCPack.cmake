# The Debian package (cpack -G DEB, or packaging/dev.sh package): the install
# rules of app/CMakeLists.txt under /usr. Its Depends line is dpkg-shlibdeps'
# reading of the programs' libraries, nothing added by hand.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ssescope)
set(CPACK_PACKAGE_VENDOR "The SSE Scope developers")
set(CPACK_PACKAGE_CONTACT "The SSE Scope developers <ssescope@example.org>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "live dashboard for Server-Sent Events streams")
# CPack puts the summary first and indents the rest.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "SSE Scope subscribes to Server-Sent Events streams and shows their event
rates, latency, reconnections and errors; compares one stream through
several routes (direct, through proxies) and tells which buffers or stalls.

ssescope is the window, ssescope-cli records without one and serves
Prometheus metrics, ssescope-demo-server is a demo server with fault modes.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The window's display plugins (xcb, wayland) are Qt plugins, which
# dpkg-shlibdeps cannot see; without them ssescope-cli still works.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-qpa-plugins")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build/;/\\\\.git/")
include(CPack)
