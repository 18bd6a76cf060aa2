# The dependency rule (ARCHITECTURE.md, "Parts and the dependency rule") as data: for each
# library, every feedback library it may reach, directly or through others. A library not
# listed here may not exist: a new part must be placed in the rule first.
set(FEEDBACK_LAYERS
    feedback_common feedback_sql feedback_crdt feedback_core feedback_protocol feedback_store
    feedback_relay feedback_sync feedback_cli feedback_app)
set(FEEDBACK_MAY_REACH_feedback_common "")
set(FEEDBACK_MAY_REACH_feedback_sql feedback_common)
set(FEEDBACK_MAY_REACH_feedback_crdt "")
set(FEEDBACK_MAY_REACH_feedback_core feedback_common feedback_crdt)
set(FEEDBACK_MAY_REACH_feedback_protocol feedback_common)
set(FEEDBACK_MAY_REACH_feedback_store feedback_core feedback_sql feedback_common feedback_crdt)
# The relay links no feedback code: it cannot read feedback.
set(FEEDBACK_MAY_REACH_feedback_relay feedback_protocol feedback_sql feedback_common)
set(FEEDBACK_MAY_REACH_feedback_sync
    feedback_store feedback_protocol feedback_core feedback_sql feedback_common feedback_crdt)
set(FEEDBACK_MAY_REACH_feedback_cli feedback_sync ${FEEDBACK_MAY_REACH_feedback_sync})
set(FEEDBACK_MAY_REACH_feedback_app feedback_sync ${FEEDBACK_MAY_REACH_feedback_sync})

# Writes what each library links directly (feedback libraries only) to FILE, one
# "target=dep;dep" line each, for tests/tools/check_layers.cmake.
function(feedback_write_links file)
    set(out "")
    foreach(target ${FEEDBACK_LAYERS})
        if(NOT TARGET ${target})
            continue()
        endif()
        get_target_property(links ${target} LINK_LIBRARIES)
        set(deps "")
        foreach(link ${links})
            if(link MATCHES "^feedback_" AND NOT link STREQUAL "feedback_options")
                list(APPEND deps ${link})
            endif()
        endforeach()
        string(APPEND out "${target}=${deps}\n")
    endforeach()
    file(WRITE ${file} "${out}")
endfunction()
