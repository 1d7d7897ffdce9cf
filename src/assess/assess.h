/*
 * assess: equality impact assessments (issue 19) — the public face of the
 * assess room. An assessment gathers evidence per protected
 * characteristic, an assessment per characteristic (and aim of the
 * duty), mitigations that become actions in the plan, a decision and its
 * publication. Today the room has commands only (parity eia ...).
 */
#ifndef PARITY_ASSESS_H
#define PARITY_ASSESS_H

#include "core/room.h"

/* The assess room (core/room.h): its commands and audit words. */
extern const struct room assess_room;

#endif
