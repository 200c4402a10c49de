# Shared build settings for every target of the project.
function(kyma_istio_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()

# A feature plugin: a shared library loaded at run time by the binary with Boost.DLL.
# Its RUNPATH finds libkyma_istio_core.so two folders up (lib/kubectl-kyma-istio/plugins -> lib).
#   SOURCES  the plugin's entry point (factory, command wiring)
#   LOGIC    the feature's logic, also built as the static library kyma_istio_<name>_logic so
#            that tests/unit/<name>/ can test it without loading the plugin
function(kyma_istio_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LOGIC" ${ARGN})
  set(target kyma_istio_plugin_${name})
  add_library(${target} MODULE ${ARG_SOURCES})
  kyma_istio_warnings(${target})
  target_compile_definitions(${target} PRIVATE KYMA_ISTIO_VERSION="${PROJECT_VERSION}")
  target_link_libraries(${target} PRIVATE kyma_istio_core)
  if(ARG_LOGIC)
    set(logic kyma_istio_${name}_logic)
    add_library(${logic} STATIC ${ARG_LOGIC})
    kyma_istio_warnings(${logic})
    target_compile_definitions(${logic} PRIVATE KYMA_ISTIO_VERSION="${PROJECT_VERSION}")
    target_link_libraries(${logic} PUBLIC kyma_istio_core)
    set_target_properties(${logic} PROPERTIES POSITION_INDEPENDENT_CODE ON
                                              CXX_VISIBILITY_PRESET hidden)
    target_link_libraries(${target} PRIVATE ${logic})
  endif()
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
