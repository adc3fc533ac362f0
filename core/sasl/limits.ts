/** Challenges a client answers in one SASL exchange before it gives up (none of ours needs more than 2). */
export const MAX_SASL_STEPS = 8;
