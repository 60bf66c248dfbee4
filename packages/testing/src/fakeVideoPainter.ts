import type { VideoStreamKind } from '@teams-endpoint/core';

/** What a fake picture shows now. Both texts are untrusted (display names, device labels): drawn as text only. */
export interface FakeSceneText {
  /** The name the initials come from (a camera) or the presenter (a share). */
  readonly name: string;
  /** A small line under the picture, such as the camera's label. */
  readonly caption: string;
}

/** What to paint: a camera or a screen, its text, and the seed its colour comes from. */
export interface FakeScene {
  readonly kind: VideoStreamKind;
  readonly seed: string;
  readonly describe: () => FakeSceneText;
}

/** Frames per second of the painted pictures: enough to look alive, cheap with many tiles. */
const FRAMES_PER_SECOND = 15;
const CAMERA_SIZE = { width: 640, height: 360 } as const;
const SCREEN_SIZE = { width: 960, height: 540 } as const;

/** Whether this runtime can turn a canvas into a `MediaStream` (browsers; not Node, not jsdom). */
export function canPaintVideo(): boolean {
  return (
    typeof document !== 'undefined' &&
    typeof HTMLCanvasElement !== 'undefined' &&
    typeof HTMLCanvasElement.prototype.captureStream === 'function'
  );
}

/** A stable hue for an id (FNV-1a), so that each participant keeps its colour. */
function hueOf(seed: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < seed.length; index++) {
    hash ^= seed.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 360;
}

/** Up to two initials, by code point so that an emoji or a CJK name is not cut in half. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (!first) return '?';
  const last = words.length > 1 ? words.at(-1) : undefined;
  const letters = [first, last].filter((word) => word !== undefined).map((word) => Array.from(word)[0]);
  return letters.join('').toUpperCase();
}

function paintCamera(context: CanvasRenderingContext2D, scene: FakeScene, seconds: number): void {
  const { width, height } = CAMERA_SIZE;
  const { name, caption } = scene.describe();
  const hue = hueOf(scene.seed);
  context.fillStyle = `hsl(${hue} 45% 32%)`;
  context.fillRect(0, 0, width, height);
  context.fillStyle = `hsl(${hue} 50% 48%)`;
  context.beginPath();
  context.arc(width / 2, height / 2 - 10, 92 + Math.sin(seconds * 3) * 6, 0, Math.PI * 2);
  context.fill();
  context.fillStyle = '#ffffff';
  context.font = 'bold 84px system-ui, sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText(initialsOf(name), width / 2, height / 2 - 10, 170);
  // A bar that sweeps across the bottom: the picture visibly moves, so a frozen view is easy to spot.
  const barWidth = 90;
  const x = ((seconds * 160) % (width + barWidth)) - barWidth;
  context.fillStyle = `hsl(${(hue + 180) % 360} 70% 60%)`;
  context.fillRect(x, height - 14, barWidth, 6);
  context.font = '18px system-ui, sans-serif';
  context.textAlign = 'left';
  context.textBaseline = 'alphabetic';
  context.fillStyle = 'rgba(255, 255, 255, 0.85)';
  context.fillText(caption, 14, height - 26, width - 28);
}

function paintScreen(context: CanvasRenderingContext2D, scene: FakeScene, seconds: number): void {
  const { width, height } = SCREEN_SIZE;
  const { name, caption } = scene.describe();
  const hue = hueOf(scene.seed);
  context.fillStyle = '#e8e6e3';
  context.fillRect(0, 0, width, height);
  // A slide: a title band and lines of "text".
  context.fillStyle = '#ffffff';
  context.fillRect(60, 40, width - 120, height - 80);
  context.fillStyle = `hsl(${hue} 55% 40%)`;
  context.fillRect(60, 40, width - 120, 70);
  context.fillStyle = '#ffffff';
  context.font = 'bold 30px system-ui, sans-serif';
  context.textAlign = 'left';
  context.textBaseline = 'middle';
  context.fillText(name, 90, 75, width - 180);
  context.fillStyle = '#c8c6c4';
  for (let line = 0; line < 6; line++) {
    context.fillRect(90, 150 + line * 48, (width - 240) * (line % 3 === 2 ? 0.6 : 0.9), 16);
  }
  context.fillStyle = '#605e5c';
  context.font = '18px system-ui, sans-serif';
  context.fillText(caption, 90, height - 64, width - 180);
  // A cursor that wanders over the slide.
  const cursorX = width / 2 + Math.sin(seconds * 0.9) * width * 0.33;
  const cursorY = height / 2 + Math.sin(seconds * 1.3) * height * 0.28;
  context.fillStyle = '#201f1e';
  context.beginPath();
  context.moveTo(cursorX, cursorY);
  context.lineTo(cursorX, cursorY + 26);
  context.lineTo(cursorX + 7, cursorY + 20);
  context.lineTo(cursorX + 17, cursorY + 20);
  context.closePath();
  context.fill();
}

/**
 * Feeds `video` a live picture painted on a canvas and captured as a real `MediaStream`. Returns the function
 * that stops the painting, ends the stream's tracks and detaches it. Call only where {@link canPaintVideo}.
 */
export function paintVideo(video: HTMLVideoElement, scene: FakeScene): () => void {
  const canvas = document.createElement('canvas');
  const size = scene.kind === 'screenSharing' ? SCREEN_SIZE : CAMERA_SIZE;
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) return () => undefined;
  const stream = canvas.captureStream(FRAMES_PER_SECOND);
  const paint = scene.kind === 'screenSharing' ? paintScreen : paintCamera;
  const started = Date.now();
  const frame = () => paint(context, scene, (Date.now() - started) / 1000);
  frame();
  // A timer rather than requestAnimationFrame: the stream keeps flowing while the tab is in the background.
  const timer = setInterval(frame, 1000 / FRAMES_PER_SECOND);
  video.srcObject = stream;
  // `autoplay` should start it; `play()` covers browsers that wait for it. Its refusal changes nothing here.
  Promise.resolve()
    .then(() => video.play())
    .catch(() => undefined);
  return () => {
    clearInterval(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
}
