/**
 * Value types of the domain that several packages share (security's grid scope, the grid
 * feature, devices, alarms, incidents). They depend on nothing else of the hub, so every
 * package may use them.
 */
package org.gridguard.hub.value;
