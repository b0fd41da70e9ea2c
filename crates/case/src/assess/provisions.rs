//! The provisions findings are attributed to. A test checks that every one
//! is a known id in the statute catalogue.

pub const S1_1_A: &str = "s.1(1)(a)";
pub const S1_3: &str = "s.1(3)";
pub const S9: &str = "s.9";
pub const S9_2: &str = "s.9(2)";
pub const S10_1: &str = "s.10(1)";
pub const S10_2: &str = "s.10(2)";
pub const S10_3: &str = "s.10(3)";
pub const S10_4: &str = "s.10(4)";
pub const S12: &str = "s.12";
pub const S17_1: &str = "s.17(1)";
pub const S17_1_B: &str = "s.17(1)(b)";
pub const S17_2: &str = "s.17(2)";
pub const S17_3: &str = "s.17(3)";
pub const S17_5: &str = "s.17(5)";
pub const S17_7_A: &str = "s.17(7)(a)";
pub const S17_7_B: &str = "s.17(7)(b)";
pub const S39: &str = "s.39";
pub const S45: &str = "s.45";
pub const S50_2_A: &str = "s.50(2)(a)";
pub const S50_2_B: &str = "s.50(2)(b)";
pub const S50_6: &str = "s.50(6)";
pub const S54: &str = "s.54";
pub const S57: &str = "s.57";
pub const REG5_2: &str = "reg.5(2)";
pub const REG7: &str = "reg.7";
pub const REG7_1: &str = "reg.7(1)";
pub const REG11_2: &str = "reg.11(2)";
pub const REG11_4: &str = "reg.11(4)";
pub const REG12: &str = "reg.12";
pub const REG12_4_B: &str = "reg.12(4)(b)";
pub const REG12_6: &str = "reg.12(6)";
pub const REG14_2: &str = "reg.14(2)";
pub const REG14_3_A: &str = "reg.14(3)(a)";
pub const REG14_3_B: &str = "reg.14(3)(b)";
pub const REG14_5: &str = "reg.14(5)";

pub const ALL: &[&str] = &[
    S1_1_A, S1_3, S9, S9_2, S10_1, S10_2, S10_3, S10_4, S12, S17_1, S17_1_B, S17_2, S17_3, S17_5,
    S17_7_A, S17_7_B, S39, S45, S50_2_A, S50_2_B, S50_6, S54, S57, REG5_2, REG7, REG7_1, REG11_2,
    REG11_4, REG12, REG12_4_B, REG12_6, REG14_2, REG14_3_A, REG14_3_B, REG14_5,
];
