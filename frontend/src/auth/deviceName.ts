// A default name for this device, shown under "my devices" (the user can change it at login).

const DEVICE_NAME_KEY = "kyhop.deviceName";

export function guessDeviceName(userAgent: string): string {
  const system =
    /iPad/.test(userAgent) ? "iPad"
    : /Android/.test(userAgent) ? (/Mobile/.test(userAgent) ? "Android (điện thoại)" : "Android (máy tính bảng)")
    : /iPhone/.test(userAgent) ? "iPhone"
    : /Windows/.test(userAgent) ? "Windows"
    : /Mac OS X/.test(userAgent) ? "Mac"
    : /Linux/.test(userAgent) ? "Linux"
    : "";
  const browser =
    /Edg\//.test(userAgent) ? "Edge"
    : /Firefox\//.test(userAgent) ? "Firefox"
    : /Chrome\/|Chromium\//.test(userAgent) ? "Chrome"
    : /Safari\//.test(userAgent) ? "Safari"
    : "";
  return [browser, system].filter(Boolean).join(" – ") || "Trình duyệt";
}

export function rememberedDeviceName(): string {
  try {
    return localStorage.getItem(DEVICE_NAME_KEY) ?? guessDeviceName(navigator.userAgent);
  } catch {
    return guessDeviceName(navigator.userAgent);
  }
}

export function rememberDeviceName(name: string): void {
  try {
    localStorage.setItem(DEVICE_NAME_KEY, name);
  } catch {
    // not remembered; asked again next time
  }
}
