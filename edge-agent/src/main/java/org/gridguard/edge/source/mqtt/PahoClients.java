package org.gridguard.edge.source.mqtt;

import java.time.Duration;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.gridguard.protocol.net.NoDelaySocketFactory;

/** The MQTT source's Paho settings and the blocking view of its async client. */
final class PahoClients {
  private PahoClients() {
  }

  /** A persistent session (cleanSession=false), no automatic reconnect (ours has jitter). */
  static MqttConnectOptions options(MqttConfig config) {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(false);
    o.setAutomaticReconnect(false); // MqttSource's connect loop reconnects, with jitter
    o.setKeepAliveInterval((int) config.keepAlive().toSeconds());
    o.setConnectionTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    if (config.broker().startsWith("tcp:")) {
      o.setSocketFactory(new NoDelaySocketFactory());
    }
    if (config.username() != null) {
      o.setUserName(config.username());
    }
    if (config.password() != null) {
      o.setPassword(config.password().toCharArray());
    }
    return o;
  }

  /** The client's (un)subscribe, waited on: only for a mapping swap, never on a Paho thread. */
  static Subscriptions.Broker broker(MqttAsyncClient client) {
    return new Subscriptions.Broker() {
      @Override
      public boolean connected() {
        return client.isConnected();
      }

      @Override
      public int[] subscribe(String[] filters, int[] qos, Duration timeout)
          throws MqttException {
        IMqttToken token = client.subscribe(filters, qos);
        token.waitForCompletion(timeout.toMillis());
        return token.getGrantedQos();
      }

      @Override
      public void unsubscribe(String[] filters, Duration timeout) throws MqttException {
        client.unsubscribe(filters).waitForCompletion(timeout.toMillis());
      }
    };
  }
}
