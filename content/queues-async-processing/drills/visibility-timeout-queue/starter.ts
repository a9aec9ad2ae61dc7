export type QueueOptions = {
  /** Current time in milliseconds. */
  now: () => number;
  visibilityTimeoutMs: number;
  maxReceiveCount: number;
};

export type ReceivedMessage = { id: string; body: string; receiptHandle: string; receiveCount: number };
export type DeadLetter = { id: string; body: string; receiveCount: number };

export function createQueue(options: QueueOptions) {
  return {
    send(body: string): string {
      // Your code here
      return "";
    },
    receive(maxMessages = 1): ReceivedMessage[] {
      return [];
    },
    delete(receiptHandle: string): boolean {
      return false;
    },
    deadLetters(): DeadLetter[] {
      return [];
    },
  };
}
