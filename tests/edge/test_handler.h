/*
 * test_handler.h: a stand-in for the API layer that drives every path of
 * the edge: fixed answers, echoes, request and field errors, long polls
 * that complete on a timer, subscriptions that emit N events and honour
 * backpressure, and counters the tests read back.
 */
#ifndef OM_TEST_HANDLER_H
#define OM_TEST_HANDLER_H

#include "edge/edge.h"

struct th_counts {
	unsigned	executes;
	unsigned	cancels;
	unsigned	resumes;
	unsigned	pauses;
	unsigned	messages;
	unsigned	live;		/* operations started, not yet ended */
};

void	th_handler(struct edge_handler *);
void	th_counts(struct th_counts *);

#endif
