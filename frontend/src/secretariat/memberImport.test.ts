import { describe, expect, it } from "vitest";
import { accountsCsv, rowErrors } from "./memberImport";

describe("member import", () => {
  it("reads the rows of a refused list", () => {
    const details = [
      { row: 9, message: "Vai trò \"x\" không hợp lệ" },
      { row: 4, message: "Thiếu họ và tên" },
      { field: "file", message: "ignored" },
      "junk",
    ];
    expect(rowErrors(details)).toEqual([
      { row: 4, message: "Thiếu họ và tên" },
      { row: 9, message: "Vai trò \"x\" không hợp lệ" },
    ]);
    expect(rowErrors(null)).toEqual([]);
  });

  it("writes the new accounts as CSV that Excel opens in UTF-8", () => {
    const csv = accountsCsv(
      [
        { row: 5, full_name: "Nguyễn Thị Anh Hoa", username: "hoanta", password: "abc23def45" },
        { row: 6, full_name: 'Lê "Tư", Văn', username: "tulv", password: "k9m8n7p6q5" },
      ],
      ["Dòng", "Họ và tên", "Tên đăng nhập", "Mật khẩu"],
    );
    expect(csv).toBe('\uFEFFDòng,Họ và tên,Tên đăng nhập,Mật khẩu\r\n5,Nguyễn Thị Anh Hoa,hoanta,abc23def45\r\n6,"Lê ""Tư"", Văn",tulv,k9m8n7p6q5\r\n');
  });
});
