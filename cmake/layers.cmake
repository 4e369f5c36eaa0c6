# One static library per architectural layer (see design.md §2). Sources and headers are
# collected from src/<layer>/, so adding a file needs no edit here; what a layer may link
# is stated once, where the layer is declared.
function(bigbrotr_layer name)
  cmake_parse_arguments(LAYER "" "" "PUBLIC" ${ARGN})
  set(dir ${CMAKE_SOURCE_DIR}/src/${name})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${dir}/*.cpp)
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS ${dir}/*.hpp)
  add_library(bigbrotr_${name} STATIC ${sources})
  target_sources(bigbrotr_${name} PUBLIC FILE_SET HEADERS BASE_DIRS ${CMAKE_SOURCE_DIR}/src FILES ${headers})
  target_link_libraries(bigbrotr_${name} PUBLIC ${LAYER_PUBLIC})
endfunction()
