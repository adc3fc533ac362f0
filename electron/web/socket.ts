import type { RawData, WebSocket } from 'ws';
import type { TegamiEvent } from '../../core/api/contract.js';
import { dispatch } from '../../core/api/dispatch.js';
import { ApiError, toWireError } from '../../core/api/errors.js';
import type { TegamiService } from '../../core/api/service.js';
import { wireRequestSchema, type WireFromHost } from '../../core/api/wire.js';

/** WebSocket close codes (RFC 6455 §7.4.1). */
const CLOSE_UNSUPPORTED_DATA = 1003;
const CLOSE_POLICY_VIOLATION = 1008;

/**
 * Serves the contract on one accepted WebSocket: every text frame is a request, every answer a
 * response with the same id, and every service event is pushed as {event}. A frame that is not
 * a request at all closes the connection (the peer does not speak our protocol); a request for
 * an unknown method or with bad arguments gets a typed error on its id.
 */
export function serveSocket(socket: WebSocket, service: TegamiService): void {
  const send = (frame: WireFromHost): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const sendEvent = (event: TegamiEvent): void => send({ event });

  const unsubscribe = service.onEvent(sendEvent);
  socket.on('close', unsubscribe);
  // A frame above maxPayload (MAX_REQUEST_FRAME_BYTES) or a broken frame: ws has already closed
  // the connection (1009/1002); without a listener the 'error' event would crash the host.
  socket.on('error', () => socket.terminate());

  void service.getAppInfo().then((appInfo) => sendEvent({ type: 'hello', appInfo }));

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      socket.close(CLOSE_UNSUPPORTED_DATA, 'Text frames only');
      return;
    }
    let frame: unknown;
    try {
      frame = JSON.parse(rawToString(data));
    } catch {
      socket.close(CLOSE_POLICY_VIOLATION, 'Frame is not JSON');
      return;
    }
    const request = wireRequestSchema.safeParse(frame);
    if (!request.success) {
      const id = typeof frame === 'object' && frame !== null && 'id' in frame ? frame.id : undefined;
      if (typeof id === 'number' && Number.isSafeInteger(id)) {
        send({ id, ok: false, error: toWireError(new ApiError('invalid-request', 'The request frame must be {id, method, args}.')) });
      } else {
        socket.close(CLOSE_POLICY_VIOLATION, 'Frame is not a request');
      }
      return;
    }
    const { id, method, args } = request.data;
    dispatch(service, method, args).then(
      (value) => send({ id, ok: true, value }),
      (error: unknown) => send({ id, ok: false, error: toWireError(error) }),
    );
  });
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
