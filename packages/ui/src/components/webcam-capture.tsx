import { useEffect, useRef } from "react";

interface WebcamCaptureProps {
  /** The captured frame, as a PNG file. */
  readonly onCapture: (file: File) => void;
  /** The camera could not be opened (no device, permission refused). */
  readonly onError: (message: string) => void;
}

/** A live camera preview with a Capture button; the camera is released when it closes. */
export default function WebcamCapture({ onCapture, onError }: WebcamCaptureProps) {
  const video = useRef<HTMLVideoElement>(null);
  // The camera opens once per mount, whatever callbacks the parent passes on later renders.
  const failed = useRef(onError);
  failed.current = onError;
  useEffect(() => {
    const onError = (message: string) => failed.current(message);
    let stream: MediaStream | null = null;
    let closed = false;
    navigator.mediaDevices?.getUserMedia({ video: true, audio: false }).then(
      (opened) => {
        if (closed) return opened.getTracks().forEach((track) => track.stop());
        stream = opened;
        if (video.current) video.current.srcObject = opened;
      },
      (error: unknown) => onError(`The camera could not be opened: ${error instanceof Error ? error.message : String(error)}`),
    ) ?? onError("This browser gives no camera to this page (it needs HTTPS or localhost).");
    return () => {
      closed = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  const capture = () => {
    const frame = video.current;
    if (!frame || frame.videoWidth === 0) return;
    const canvas = document.createElement("canvas");
    canvas.width = frame.videoWidth;
    canvas.height = frame.videoHeight;
    canvas.getContext("2d")?.drawImage(frame, 0, 0);
    canvas.toBlob((blob) => {
      if (blob) onCapture(new File([blob], `webcam-${Date.now()}.png`, { type: "image/png" }));
    }, "image/png");
  };

  return (
    <div className="bw-webcam">
      <video ref={video} autoPlay muted playsInline aria-label="Camera preview" />
      <button type="button" className="bw-button bw-button-primary bw-button-sm" onClick={capture}>
        Capture
      </button>
    </div>
  );
}
