package org.gridguard.edge.detect;

/**
 * What one detector may need to know about the others on the same frame, so one physical
 * event raises one alarm: a covered lens also looks blurred, frozen and changed.
 *
 * @param covered the covered/blackout condition holds (pending or active)
 * @param blurred sharpness is far below its baseline
 */
record SceneContext(boolean covered, boolean blurred) {
}
