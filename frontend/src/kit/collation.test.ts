import { describe, expect, it } from "vitest";
import { byTitle, compareNames, compareVi, sortPeople } from "./collation";

describe("Vietnamese collation", () => {
  it("orders letters as Vietnamese does", () => {
    expect(compareVi("Anh", "Ánh")).toBeLessThan(0);
    expect(compareVi("Dương", "Đặng")).toBeLessThan(0); // d before đ
    expect(compareVi("Hà", "Hoàng")).toBeLessThan(0);
    expect(compareVi("Phạm", "Phan")).toBeLessThan(0);
    expect(["Phan", "Hoàng", "Đặng", "Ánh", "Phạm", "Dương", "Hà", "Anh"].sort(compareVi)).toEqual([
      "Anh", "Ánh", "Dương", "Đặng", "Hà", "Hoàng", "Phạm", "Phan",
    ]);
  });

  it("sorts people by given name, then middle, then family name", () => {
    const people = [
      "Phan Văn Hoàng",
      "Đặng Thị Hà",
      "Dương Văn Hà",
      "Phạm Minh Anh",
      "Nguyễn Thị Ánh",
      "Hà Thị Ánh",
      "Hoàng Văn Dương",
    ].map((full_name) => ({ full_name }));
    expect(sortPeople(people).map((person) => person.full_name)).toEqual([
      "Phạm Minh Anh",
      "Hà Thị Ánh",
      "Nguyễn Thị Ánh",
      "Hoàng Văn Dương",
      "Đặng Thị Hà",
      "Dương Văn Hà",
      "Phan Văn Hoàng",
    ]);
    expect(compareNames("Lê Anh", "Lê Văn Anh")).toBeLessThan(0);
  });

  it("sorts titles in Vietnamese order with numbers by value", () => {
    const titles = ["Tờ trình 10", "Báo cáo", "Tờ trình 2", "Đề án", "Dự thảo"].map((title) => ({ title }));
    expect(titles.sort(byTitle).map((item) => item.title)).toEqual(["Báo cáo", "Dự thảo", "Đề án", "Tờ trình 2", "Tờ trình 10"]);
  });
});
