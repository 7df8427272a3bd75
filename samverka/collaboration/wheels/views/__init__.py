from samverka.collaboration.wheels.views.wheels import BodyWheelView, SpaceWheelView, WheelAdoptView

__all__ = ["BodyWheelView", "SpaceWheelView", "WheelAdoptView"]
