package org.gridguard.hub.gateway;

/** Published when a technician revokes a gateway; live sessions of it are closed. */
public record GatewayRevokedEvent(String gatewayId) {}
