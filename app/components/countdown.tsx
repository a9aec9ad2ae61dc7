/**
 * The candidate's timer. The server owns the deadline; this only shows it, corrected for the
 * difference between the browser's clock and the server's, and announces 10, 5 and 1 minute left.
 */
import { useEffect, useRef, useState } from "react";

function format(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}` : `${m}:${String(sec).padStart(2, "0")}`;
}

export function CountdownTimer({ deadlineAt, serverNow, onExpired }: { deadlineAt: string; serverNow: string; onExpired?: () => void }) {
  const deadline = new Date(deadlineAt).getTime();
  const [skew] = useState(() => new Date(serverNow).getTime() - Date.now());
  const [left, setLeft] = useState(() => deadline - new Date(serverNow).getTime());
  const [announcement, setAnnouncement] = useState("");
  const announced = useRef(new Set<number>());
  const expired = useRef(false);
  useEffect(() => {
    const tick = () => {
      const ms = deadline - (Date.now() + skew);
      setLeft(ms);
      for (const mins of [10, 5, 1]) {
        if (ms <= mins * 60_000 && ms > (mins - 1) * 60_000 && !announced.current.has(mins)) {
          announced.current.add(mins);
          setAnnouncement(`${mins} minute${mins > 1 ? "s" : ""} left`);
        }
      }
      if (ms <= 0 && !expired.current) {
        expired.current = true;
        setAnnouncement("Time is up. Your saved answers are being submitted.");
        onExpired?.();
      }
    };
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [deadline, skew, onExpired]);
  const low = left < 5 * 60_000;
  return (
    <div className={`timer${low ? " is-low" : ""}`}>
      <span className="small muted" id="timer-label">Time left</span>
      <span className="timer-value" role="timer" aria-labelledby="timer-label">
        {format(left)}
      </span>
      <span className="visually-hidden" aria-live="assertive">
        {announcement}
      </span>
    </div>
  );
}
