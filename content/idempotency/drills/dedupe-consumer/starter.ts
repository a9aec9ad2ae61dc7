export type Message = { id: string; body: string };

export type DedupeConsumerOptions = {
  handler: (message: Message) => Promise<void>;
  /** Current time in milliseconds. */
  now: () => number;
  retentionMs: number;
};

export function createDedupeConsumer(options: DedupeConsumerOptions) {
  return {
    async handle(message: Message): Promise<"processed" | "duplicate"> {
      // Your code here
      return "duplicate";
    },
    size(): number {
      return 0;
    },
  };
}
