import type { GalleryItem } from "@blockwork/core";
import { useEffect, useRef, type KeyboardEvent } from "react";
import { fileHref } from "../../files/file-url.ts";

interface GalleryPreviewProps {
  readonly items: readonly GalleryItem[];
  readonly index: number;
  /** Shows another image (the previous or next, or a thumbnail's). */
  readonly onMove: (index: number) => void;
  readonly onClose: () => void;
}

/**
 * One image large, in the gallery's own box as in Gradio: previous and next (the arrow keys too, wrapping
 * around), a strip of thumbnails, and close (Escape). Focus moves into it on opening, so the keys work at once.
 */
export function GalleryPreview({ items, index, onMove, onClose }: GalleryPreviewProps) {
  const box = useRef<HTMLDivElement>(null);
  const item = items[index]!;
  const step = (by: number) => onMove((index + by + items.length) % items.length);

  useEffect(() => box.current?.focus(), []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowLeft") step(-1);
    else if (e.key === "ArrowRight") step(1);
    else if (e.key === "Escape") onClose();
    else return;
    e.preventDefault();
  };

  return (
    <div ref={box} className="bw-gallery-preview" role="region" aria-label="Image preview" tabIndex={-1} onKeyDown={onKeyDown}>
      <div className="bw-gallery-preview-bar">
        <span className="bw-gallery-count">
          {index + 1} / {items.length}
        </span>
        <button type="button" className="bw-gallery-icon" aria-label="Close preview" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="bw-gallery-stage">
        <button type="button" className="bw-gallery-icon bw-gallery-prev" aria-label="Previous image" onClick={() => step(-1)}>
          ‹
        </button>
        <img src={fileHref(item.image) ?? undefined} alt={item.caption ?? `Image ${index + 1}`} />
        <button type="button" className="bw-gallery-icon bw-gallery-next" aria-label="Next image" onClick={() => step(1)}>
          ›
        </button>
      </div>
      {item.caption ? <p className="bw-gallery-preview-caption">{item.caption}</p> : null}
      <ul className="bw-gallery-strip">
        {items.map((other, i) => (
          <li key={`${i}:${fileHref(other.image)}`}>
            <button type="button" className="bw-gallery-thumb" aria-label={other.caption ?? `Image ${i + 1}`} aria-current={i === index || undefined} onClick={() => onMove(i)}>
              <img src={fileHref(other.image) ?? undefined} alt="" />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
