# Shared build settings for every target of the project.
function(kyma_istio_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()

# A feature plugin: a shared library loaded at run time by the binary with Boost.DLL.
# Its RUNPATH finds libkyma_istio_core.so two folders up (lib/kubectl-kyma-istio/plugins -> lib).
function(kyma_istio_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  set(target kyma_istio_plugin_${name})
  add_library(${target} MODULE ${ARG_SOURCES})
  kyma_istio_warnings(${target})
  target_compile_definitions(${target} PRIVATE KYMA_ISTIO_VERSION="${PROJECT_VERSION}")
  target_link_libraries(${target} PRIVATE kyma_istio_core)
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME ${name}
    LIBRARY_OUTPUT_DIRECTORY ${KYMA_ISTIO_PLUGIN_OUTPUT_DIR}
    CXX_VISIBILITY_PRESET hidden
    BUILD_RPATH "\$ORIGIN/../.."
    INSTALL_RPATH "\$ORIGIN/../..")
  add_dependencies(product ${target})
  install(TARGETS ${target} LIBRARY DESTINATION ${KYMA_ISTIO_PLUGIN_INSTALL_DIR}
          PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                      WORLD_READ WORLD_EXECUTE)
endfunction()
