package org.gridguard.hub.device;

/**
 * The type-specific settings of a device, with the edge agent's YAML key names
 * ({@code deploy/edge-video.example.yml}, {@code deploy/edge-mappings.example.yml}), so what the
 * hub stores is what it pushes. Never holds a secret: a camera's stream URL and credentials are
 * {@link CameraStream}, kept apart and encrypted.
 */
sealed interface DeviceSettings permits CameraSettings, DoorSettings, SensorSettings {}
